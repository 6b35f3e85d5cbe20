// One module per area; drizzle-kit reads this folder. Add an area by adding a file and a line here.
export * from './accounts';
export * from './contact';
export * from './terms';
export * from './ledger';
export * from './billing';
export * from './payments';
export * from './invoices';
export * from './announcements';
export * from './standing';
export * from './support-cases';
export * from './members';
export * from './demo-idp';
