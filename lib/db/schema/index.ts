// One module per area; drizzle-kit reads this folder. Add an area by adding a file and a line here.
export * from './accounts';
