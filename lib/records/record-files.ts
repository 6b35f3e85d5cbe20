/** The archive's fixed files besides the invoice PDFs (shared with the page, which counts them while downloading). */
export const RECORD_FILES = ['README.txt', 'activity.jsonl', 'charges.csv', 'top-ups.csv', 'contact.json'] as const;

/** The names the download's progress counts as files: plain names of the fixed files and PDFs. */
export const RECORD_ENTRY = /^[^/\\\u0000-\u001f]+\.(txt|jsonl|csv|json|pdf)$/;
