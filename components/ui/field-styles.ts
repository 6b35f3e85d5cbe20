/** The look of form fields (inputs, labels, hints, field errors), shared by every form. */
export const inputClasses =
  'mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm aria-[invalid=true]:border-red-600 disabled:bg-slate-100 dark:border-slate-600 dark:bg-slate-800 dark:disabled:bg-slate-900';
export const labelClasses = 'block text-sm font-medium';
export const hintClasses = 'mt-1 text-xs text-slate-600 dark:text-slate-400';
export const fieldErrorClasses = 'mt-1 text-sm font-medium text-red-800 dark:text-red-300';
