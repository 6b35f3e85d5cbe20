import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: ['node_modules/**', '.next/**', 'bench/floor/next-app/.next/**', '.next-*/**', '.data*/**', 'test-results/**', 'playwright-report/**', 'lib/db/migrations/**', 'next-env.d.ts'],
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // The layers (docs/ARCHITECTURE.md): components never touch the database nor import from app/ (server
  // actions live in lib/<area>/actions.ts), and lib/ never reaches up into routes, components or the
  // server. Type-only imports of the schema's types are fine.
  {
    files: ['components/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@/lib/db/client', message: 'Components never touch the database: the page loads the data through lib/<area> and passes it as props.' },
            { name: '@/lib/db/schema', message: 'Components never touch the database (type-only imports are allowed).', allowTypeImports: true },
            { name: 'drizzle-orm', message: 'Components never touch the database.' },
            { name: 'pg', message: 'Components never touch the database.' },
            { name: '@electric-sql/pglite', message: 'Components never touch the database.' },
          ],
          patterns: [
            { group: ['@/lib/db/*', '!@/lib/db/schema'], message: 'Components never touch the database.', allowTypeImports: true },
            { group: ['@/app/*', '@/server/*'], message: 'Components never import from app/ or server/: server actions live in lib/<area>/actions.ts, shared code in lib/<area>.' },
          ],
        },
      ],
    },
  },
  {
    files: ['lib/**/*.{ts,tsx}'],
    ignores: ['lib/**/*.test.ts', 'lib/**/testing.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@/app/*', '@/components/*', '@/server/*'], message: 'lib/ is below app/, components/ and server/: move the shared part into lib/<area>.' }] },
      ],
    },
  },
  // lib/ledger knows double entry only: it imports the database, money and time utilities and
  // nothing of another domain (what a posting means for an account is lib/billing's postAndApply).
  // Its tests too. This entry replaces the one above for these files, so it repeats its group.
  {
    files: ['lib/ledger/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@/app/*', '@/components/*', '@/server/*'], message: 'lib/ is below app/, components/ and server/.' },
            {
              regex: '^(@/lib/(?!(db|money|time|ledger)(/|$))|\\.\\./)',
              message: 'lib/ledger imports only lib/db, lib/money and lib/time: a rule about accounts belongs in lib/billing (postAndApply).',
            },
          ],
        },
      ],
    },
  },
  // Every posting goes through lib/billing's postAndApply (double entry, then the billing rules in the
  // same transaction); only it calls the ledger's poster. (The core rule, so the entries above still apply.)
  {
    files: ['**/*.{ts,tsx}'],
    ignores: ['lib/ledger/**', 'lib/billing/post-and-apply.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@/lib/ledger/post-transfers',
              importNames: ['postLedgerTransfers', 'postLedgerTransfer'],
              message: 'Post through postAndApply (lib/billing/post-and-apply.ts): the ledger alone would skip penalty arrears, suspension and the low-balance alert.',
            },
          ],
        },
      ],
    },
  },
];

export default config;
