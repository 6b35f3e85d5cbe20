import type { Browser, Page } from '@playwright/test';
import { expect, newUsername, payWithCard, signIn, test } from './fixtures';
import { callServerAction } from './server-actions';

/*
 * Issue 17 in the browser: several people on one customer account. Every person is a fresh user of
 * the demo identity provider (`<username>@demo.test`, a verified address), so no test depends on another.
 */

const platform = { Authorization: 'Bearer demo-platform-key' };

async function accountIdOn(page: Page): Promise<string> {
  await page.goto('/');
  const accountId = ((await page.getByTestId('account-id').textContent()) ?? '').trim();
  expect(accountId).toMatch(/^A\d{9}$/);
  return accountId;
}

/** The owner invites `email` with a role on /members; returns the link shown once. */
async function invite(owner: Page, email: string, role: 'Owner' | 'Billing' | 'Viewer'): Promise<string> {
  await owner.goto('/members');
  await expect(owner.getByRole('heading', { level: 1, name: 'Members of this account' })).toBeVisible();
  await owner.getByLabel('Email address').fill(email);
  await owner.getByLabel('Role', { exact: true }).selectOption({ label: role });
  await owner.getByRole('button', { name: 'Send invitation' }).click();
  await expect(owner.getByText(`Invitation sent to ${email}.`)).toBeVisible();
  const link = await owner.getByLabel('Invitation link').inputValue();
  expect(link).toMatch(/\/invitations\/[A-Za-z0-9_-]{43}$/);
  return new URL(link).pathname;
}

/** A new person signs in through the demo provider from an invitation link and accepts it. */
async function acceptAs(browser: Browser, username: string, invitationPath: string): Promise<Page> {
  const page = await browser.newPage();
  await signIn(page, username, { path: invitationPath });
  await expect(page).toHaveURL(new RegExp(`${invitationPath}$`));
  await page.getByRole('button', { name: 'Accept and switch to this account' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  return page;
}

/**
 * The text of the newest email to `recipient` whose subject starts with `subject`, from the demo
 * mailbox. The outbox worker delivers every few seconds: the mailbox page is loaded again until it
 * is there (each look waits briefly, so a page loaded too early is never waited on for long).
 */
async function emailTo(owner: Page, recipient: string, subject: string): Promise<string> {
  const mailbox = await owner.context().newPage();
  try {
    const message = mailbox.locator(`article[data-recipient="${recipient}"]`).filter({ has: mailbox.getByRole('heading', { name: new RegExp(`^${subject}`) }) });
    await expect(async () => {
      await mailbox.goto(`/mailbox?to=${encodeURIComponent(recipient)}`);
      await expect(message.first()).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 45_000 });
    return (await message.first().textContent()) ?? '';
  } finally {
    await mailbox.close();
  }
}

test.describe('members of one customer account', () => {
  test('an invited colleague tops up as billing; a viewer is refused a top-up on the page and by the action; a removed colleague is signed out at once', async ({ page, browser, request }) => {
    test.slow(); // four people sign in
    const ownerName = newUsername('owner');
    await signIn(page, ownerName);
    const accountId = await accountIdOn(page);

    // The owner invites a colleague as billing; the link shown once is also emailed (the demo mailbox).
    const colleagueName = newUsername('clerk');
    const colleagueEmail = `${colleagueName}@demo.test`;
    const shownLink = await invite(page, colleagueEmail, 'Billing');
    await expect(page.getByTestId('open-invitation').filter({ hasText: colleagueEmail })).toContainText('Billing');
    expect(await emailTo(page, colleagueEmail, 'You are invited')).toContain(shownLink);
    // The colleague signs in with the invited address, accepts, and uses the owner's account as billing.
    const colleague = await acceptAs(browser, colleagueName, shownLink);
    expect(await accountIdOn(colleague)).toBe(accountId);
    await expect(colleague.getByTestId('account-in-use')).toHaveAttribute('data-account-id', accountId);
    await expect(colleague.getByTestId('account-in-use')).toContainText('billing');
    await expect(colleague.getByRole('region', { name: 'Balance', exact: true }).getByRole('link', { name: 'Top up', exact: true })).toBeVisible();
    await payWithCard(colleague, '30.00');
    const status = await request.get(`/api/v1/accounts/${accountId}`, { headers: platform });
    expect((await status.json()).balance).toBe('30.00');
    // Billing does not manage members.
    const members = await colleague.goto('/members');
    expect(members?.status()).toBe(403);

    // A viewer: no top-up page, and the action called by hand is refused; nothing is started.
    const viewerName = newUsername('watcher');
    const viewerLink = await invite(page, `${viewerName}@demo.test`, 'Viewer');
    const viewer = await acceptAs(browser, viewerName, viewerLink);
    expect(await accountIdOn(viewer)).toBe(accountId);
    await expect(viewer.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Top up' })).toHaveCount(0);
    // Nor on the overview's balance card (accountIdOn is on the overview).
    await expect(viewer.getByRole('region', { name: 'Balance', exact: true })).toBeVisible();
    await expect(viewer.getByRole('main').getByRole('link', { name: /Top up/ })).toHaveCount(0);
    // The low-balance alert is billing's setting: shown, not editable, saying why.
    await expect(viewer.getByLabel('Alert me when my balance falls below (¥)')).toBeDisabled();
    await expect(viewer.getByText('Only the account’s owners and billing members can change the alert.')).toBeVisible();
    // (The top-up page streams from a loading boundary, so the refusal comes as the 403 page's content.)
    await viewer.goto('/top-up');
    await expect(viewer.getByRole('heading', { name: 'You can’t open this page' })).toBeVisible();
    await expect(viewer.getByLabel('Amount (¥)')).toHaveCount(0);
    const refused = await callServerAction(viewer.request, 'lib/payments/actions.ts#startTopUpAction', { amount: '10.00' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // The owner's recent payments: the colleague's ¥30.00, nothing of ¥10.00.
    await page.goto('/top-up');
    await expect(page.getByTestId('top-up-row')).toHaveCount(1);
    await expect(page.getByTestId('top-up-row')).toContainText('¥30.00');

    // The owner sees both, then removes the colleague: the colleague's next request is refused.
    await page.goto('/members');
    await expect(page.getByTestId('member').filter({ hasText: colleagueEmail }).getByTestId('member-role')).toHaveText('Billing');
    await expect(page.getByTestId('member').filter({ hasText: colleagueEmail })).toContainText('demo');
    await page.getByRole('button', { name: `Remove ${colleagueName}` }).click();
    await page.getByRole('button', { name: `Remove ${colleagueName}` }).click();
    await expect(page.getByTestId('member').filter({ hasText: colleagueEmail })).toHaveCount(0);

    const api = await colleague.request.get('/api/charges');
    expect(api.status()).toBe(401);
    await colleague.goto('/');
    await expect(colleague).toHaveURL(/\/sign-in/);

    // The activity log names the member who did each thing.
    await page.goto('/activity');
    await expect(page.getByRole('row').filter({ hasText: 'Removed a member' }).first()).toContainText(ownerName);
    await expect(page.getByRole('row').filter({ hasText: 'Joined the account' }).filter({ hasText: colleagueName })).toHaveCount(1);
    await expect(page.getByRole('row').filter({ hasText: 'Started a top-up' }).filter({ hasText: colleagueName }).first()).toBeVisible();
    await colleague.close();
    await viewer.close();
  });

  test('a user in two accounts switches between them from the user menu and never sees the other account’s data', async ({ page, browser }) => {
    test.slow(); // two people sign in, one top-up
    // Someone with an account of their own and ¥25.00 in it.
    const userName = newUsername('both');
    const person = await browser.newPage();
    await signIn(person, userName);
    const ownAccount = await accountIdOn(person);
    await payWithCard(person, '25.00');

    // An owner of another account invites them as a viewer.
    await signIn(page, newUsername('host'));
    const hostAccount = await accountIdOn(page);
    const link = await invite(page, `${userName}@demo.test`, 'Viewer');
    await person.goto(link);
    await person.getByRole('button', { name: 'Accept and switch to this account' }).click();
    await person.waitForURL((url) => url.pathname === '/');

    // In the host's account: its id and its (empty) wallet, nothing of their own account.
    expect(await accountIdOn(person)).toBe(hostAccount);
    await expect(person.getByTestId('balance')).toContainText('¥0.00');
    const hostCharges = JSON.stringify(await (await person.request.get('/api/charges')).json());
    expect(hostCharges).not.toContain('25.00');
    expect(hostCharges).not.toContain(ownAccount);

    // Switch from the user menu to their own account: their balance and top-up, nothing of the host's.
    await person.locator('summary[aria-label="Account menu"]').click();
    await person.getByRole('button', { name: new RegExp(`^Switch to .*\\(${ownAccount}\\)`) }).click();
    await person.waitForURL((url) => url.pathname === '/');
    await expect(person.getByTestId('account-id')).toHaveText(ownAccount);
    await expect(person.getByTestId('balance')).toContainText('¥25.00');
    const ownCharges = JSON.stringify(await (await person.request.get('/api/charges')).json());
    expect(ownCharges).toContain('25.00');
    expect(ownCharges).not.toContain(hostAccount);

    // And back.
    await person.locator('summary[aria-label="Account menu"]').click();
    await person.getByRole('button', { name: new RegExp(`^Switch to .*\\(${hostAccount}\\)`) }).click();
    await person.waitForURL((url) => url.pathname === '/');
    await expect(person.getByTestId('account-id')).toHaveText(hostAccount);
    await expect(person.getByTestId('balance')).toContainText('¥0.00');

    // Switching to an account they don't belong to is refused by the server.
    const stranger = await callServerAction(person.request, 'lib/auth/actions.ts#switchAccountAction', { accountId: 'A100000001' });
    expect(stranger).toMatchObject({ ok: false, error: { code: 'not_member' } });
    expect(await accountIdOn(person)).toBe(hostAccount);
    await person.close();
  });

  test('identities: a second demo identity is linked through the provider and signs in as the same user; another user’s identity is refused; never the last is unlinked', async ({ page, browser }) => {
    test.slow(); // five trips through the provider
    const userName = newUsername('linker');
    await signIn(page, userName);
    const accountId = await accountIdOn(page);
    await page.goto('/account/identities');
    await expect(page.getByRole('heading', { level: 1, name: 'Your sign-in identities' })).toBeVisible();
    const rows = page.getByTestId('identity');
    await expect(rows).toHaveCount(1);
    await expect(rows).toHaveAttribute('data-subject', userName);
    await expect(rows).toContainText('Demo ID');
    await expect(rows).toContainText(`${userName}@demo.test (verified)`);
    await expect(page.getByText('Your only identity: it can’t be unlinked.')).toBeVisible();
    const only = await callServerAction(page.request, 'lib/auth/actions.ts#unlinkIdentityAction', { provider: 'demo', subject: userName });
    expect(only).toMatchObject({ ok: false, error: { code: 'last_identity' } });

    // Link another demo identity: the provider asks for a login again (its own session still holds
    // this user) and the browser comes back here, still signed in as the same person.
    const altName = newUsername('alt');
    await page.reload();
    await page.getByRole('button', { name: 'Link Demo ID', exact: true }).click();
    await page.getByLabel('Username').fill(altName);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/account/identities');
    await expect(page.getByText('Identity linked. You can now sign in with it.')).toBeVisible();
    await expect(rows).toHaveCount(2);
    await expect(rows.filter({ hasText: `${altName}@demo.test` })).toHaveAttribute('data-subject', altName);
    expect(await accountIdOn(page)).toBe(accountId);

    // An identity that is another user's is not linked.
    const otherName = newUsername('other');
    const other = await browser.newPage();
    await signIn(other, otherName);
    await other.close();
    await page.goto('/account/identities');
    await page.getByRole('button', { name: 'Link Demo ID', exact: true }).click();
    await page.getByLabel('Username').fill(otherName);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/account/identities' && url.searchParams.get('error') === 'identity_in_use');
    await expect(page.getByText('That identity belongs to another user of the portal, so it can’t be linked to you.')).toBeVisible();
    await expect(rows).toHaveCount(2);
    await expect(rows.filter({ hasText: `${otherName}@demo.test` })).toHaveCount(0);

    // Signing in with the linked identity signs in as this user, to their account.
    await page.context().clearCookies();
    await signIn(page, altName);
    expect(await accountIdOn(page)).toBe(accountId);

    // Unlink the first identity; the one left can't be unlinked, on the page or by the action.
    await page.goto('/account/identities');
    await page.getByRole('button', { name: `Unlink Demo ID (${userName})` }).click();
    await expect(page.getByText('Identity unlinked.')).toBeVisible();
    await expect(rows).toHaveCount(1);
    await expect(rows).toHaveAttribute('data-subject', altName);
    await expect(page.getByText('Your only identity: it can’t be unlinked.')).toBeVisible();
    const last = await callServerAction(page.request, 'lib/auth/actions.ts#unlinkIdentityAction', { provider: 'demo', subject: altName });
    expect(last).toMatchObject({ ok: false, error: { code: 'last_identity' } });
    await page.reload();
    await expect(rows).toHaveCount(1);
  });
});
