import { describe, expect, it } from 'vitest';
import { standingActionsFor } from './account-standing';

describe('the admin’s actions for cause', () => {
  it('offers suspending or terminating an account in good standing, lifting or terminating a suspension, terminating a closed account, nothing once terminated', () => {
    expect(standingActionsFor(null)).toEqual(['suspend', 'terminate']);
    expect(standingActionsFor('suspended_for_cause')).toEqual(['lift_suspension', 'terminate']);
    expect(standingActionsFor('closed')).toEqual(['terminate']);
    expect(standingActionsFor('terminated')).toEqual([]);
  });
});
