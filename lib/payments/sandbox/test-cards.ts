/** What the sandbox processor does with each test card of CONTRACT.md. */
export type SandboxCardBehaviour = 'succeed' | 'decline' | 'challenge';

export const SANDBOX_TEST_CARDS: ReadonlyArray<{ number: string; behaviour: SandboxCardBehaviour }> = [
  { number: '4242424242424242', behaviour: 'succeed' },
  { number: '4000000000000002', behaviour: 'decline' },
  { number: '4000000000003220', behaviour: 'challenge' },
];

/** The behaviour of a card number (digits only); null for a number that is not a test card. */
export function sandboxCardBehaviour(digits: string): SandboxCardBehaviour | null {
  return SANDBOX_TEST_CARDS.find((card) => card.number === digits)?.behaviour ?? null;
}

/** "4242 4242 4242 4242" */
export function groupCardNumber(digits: string): string {
  return digits.replace(/(\d{4})(?=\d)/g, '$1 ');
}
