import { describe, expect, it } from 'vitest';
import { cardExpiryEnd, checkCardForm } from './card-form';

const now = new Date('2026-03-12T09:00:00Z');

describe('sandbox card form', () => {
  it('knows the three test cards by behaviour', () => {
    const card = (cardNumber: string) => checkCardForm({ cardNumber, expiry: '12/34', cvc: '123' }, now);
    expect(card('4242 4242 4242 4242')).toMatchObject({ ok: true, behaviour: 'succeed', last4: '4242' });
    expect(card('4000 0000 0000 0002')).toMatchObject({ ok: true, behaviour: 'decline', last4: '0002' });
    expect(card('4000 0000 0000 3220')).toMatchObject({ ok: true, behaviour: 'challenge', last4: '3220' });
  });

  it('names each field that is wrong', () => {
    expect(checkCardForm({ cardNumber: '4242 4242 4242 4241', expiry: '13/30', cvc: '12' }, now)).toEqual({
      ok: false,
      problems: { cardNumber: 'card_number_invalid', expiry: 'expiry_invalid', cvc: 'cvc_invalid' },
    });
    expect(checkCardForm({ cardNumber: '5555 5555 5555 4444', expiry: '02/26', cvc: '1234' }, now)).toEqual({
      ok: false,
      problems: { cardNumber: 'card_not_test_card', expiry: 'card_expired' },
    });
  });

  it('a card is valid through the last day of its expiry month', () => {
    expect(cardExpiryEnd('03/26')?.toISOString()).toBe('2026-04-01T00:00:00.000Z');
    expect(checkCardForm({ cardNumber: '4242424242424242', expiry: '03/26', cvc: '123' }, now).ok).toBe(true);
    expect(cardExpiryEnd('0326')?.toISOString()).toBe('2026-04-01T00:00:00.000Z');
    expect(cardExpiryEnd('3/2026')?.toISOString()).toBe('2026-04-01T00:00:00.000Z');
    expect(cardExpiryEnd('00/26')).toBeNull();
  });
});
