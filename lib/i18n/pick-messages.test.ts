import { describe, expect, it } from 'vitest';
import { pickMessages } from './pick-messages';

const messages = {
  common: { appName: 'Portal', nav: { charges: 'Charges' } },
  support: { banner: { end: 'End', timeLeft: 'Time left' }, search: { heading: 'Find a customer' } },
  terms: { banner: { acknowledge: 'I have read the changes' }, title: 'Terms of use' },
};

describe('pickMessages', () => {
  it('keeps whole namespaces and branches of namespaces, nested as they were', () => {
    expect(pickMessages(messages, ['common', 'support.banner'])).toEqual({
      common: messages.common,
      support: { banner: messages.support.banner },
    });
  });

  it('merges several branches of one namespace', () => {
    expect(pickMessages(messages, ['terms.banner', 'terms.title'])).toEqual({ terms: { banner: messages.terms.banner, title: 'Terms of use' } });
  });

  it('leaves out what does not exist and sends nothing it was not asked for', () => {
    expect(pickMessages(messages, ['overview', 'support.nothing'])).toEqual({});
    expect(Object.keys(pickMessages(messages, ['terms']))).toEqual(['terms']);
  });
});
