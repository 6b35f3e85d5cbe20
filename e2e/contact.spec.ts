import type { BrowserContext, Page } from '@playwright/test';
import { expect, newUsername, signIn, test } from './fixtures';

/** The newest verification code sent to a recipient, read from the demo mailbox like an operator would. */
async function codeFromMailbox(context: BrowserContext, recipient: string): Promise<string> {
  const mailbox = await context.newPage();
  try {
    await mailbox.goto(`/mailbox?to=${encodeURIComponent(recipient)}`);
    await expect(mailbox.getByRole('heading', { level: 1, name: 'Demo mailbox' })).toBeVisible();
    const message = mailbox.getByRole('article').first();
    await expect(message).toContainText(/verification code is \d{6}/);
    const text = await message.innerText();
    return /verification code is (\d{6})/.exec(text)![1];
  } finally {
    await mailbox.close();
  }
}

function randomMobile(): string {
  return `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
}

async function openContact(page: Page) {
  await page.goto('/contact');
  await expect(page.getByRole('heading', { level: 1, name: 'Contact details' })).toBeVisible();
}

test.describe('contact details', () => {
  test('changing the email: the code from the demo mailbox verifies it, the old one stays in use until then', async ({ page, context }) => {
    const username = newUsername('mail');
    await signIn(page, username);
    await openContact(page);
    const email = page.getByRole('region', { name: 'Email', exact: true });
    const first = `${username}@example.com`;

    await email.getByLabel('Email address').fill(first);
    await email.getByRole('button', { name: 'Send code' }).click();
    await expect(email.getByRole('status')).toContainText(`We sent a code to ${first}`);
    await email.getByLabel('Verification code').fill(await codeFromMailbox(context, first));
    await email.getByRole('button', { name: 'Verify' }).click();
    await expect(email.getByRole('status')).toContainText(`Verified. From now on we use ${first}`);
    await expect(email.getByTestId('email-verified')).toHaveText(first);

    // A second change stays pending; the verified address is still the one in use.
    const second = `${username}.new@example.com`;
    await email.getByLabel('New email address').fill(second);
    await email.getByRole('button', { name: 'Send code' }).click();
    await expect(email.getByRole('heading', { name: `Waiting for verification: ${second}` })).toBeVisible();
    await page.reload();
    await expect(email.getByTestId('email-verified')).toHaveText(first);
    await email.getByLabel('Verification code').fill(await codeFromMailbox(context, second));
    await email.getByRole('button', { name: 'Verify' }).click();
    await expect(email.getByTestId('email-verified')).toHaveText(second);
    await expect(email.getByRole('heading', { name: /Waiting for verification/ })).toHaveCount(0);
  });

  test('five wrong codes lock the code with a clear message', async ({ page }) => {
    await signIn(page, newUsername('lock'));
    await openContact(page);
    const email = page.getByRole('region', { name: 'Email', exact: true });
    await email.getByLabel('Email address').fill(`${newUsername('locked')}@example.com`);
    await email.getByRole('button', { name: 'Send code' }).click();
    await expect(email.getByRole('heading', { name: /Waiting for verification/ })).toBeVisible();

    for (let left = 4; left >= 1; left -= 1) {
      await email.getByLabel('Verification code').fill('000000');
      await email.getByRole('button', { name: 'Verify' }).click();
      await expect(email.getByRole('alert')).toHaveText(`That code is not right. ${left} attempt${left === 1 ? '' : 's'} left.`);
    }
    await email.getByLabel('Verification code').fill('000000');
    await email.getByRole('button', { name: 'Verify' }).click();
    await expect(email.getByRole('alert')).toHaveText('Too many wrong codes: this code is locked. Ask for a new code.');
    await expect(email.getByLabel('Verification code')).toHaveCount(0);
    await page.reload();
    await expect(email).toContainText(/is locked\. Ask for a new code\./);
    await expect(email.getByRole('button', { name: 'Send a new code' })).toBeVisible();
    await expect(email).toContainText('None yet');
  });

  test('a mobile number typed in several formats is normalised to one E.164 number and verified by SMS', async ({ page, context }) => {
    await signIn(page, newUsername('phone'));
    await openContact(page);
    const phone = page.getByRole('region', { name: 'Mobile number', exact: true });
    const national = randomMobile();
    const shown = `+86 ${national.slice(0, 3)} ${national.slice(3, 7)} ${national.slice(7)}`;
    const formats = [
      `${national.slice(0, 3)} ${national.slice(3, 7)} ${national.slice(7)}`,
      `+86-${national.slice(0, 3)}-${national.slice(3, 7)}-${national.slice(7)}`,
      `0086 ${national}`,
      `(+86) ${national}`,
    ];

    await phone.getByLabel('Mobile number').fill(formats[0]);
    await phone.getByRole('button', { name: 'Send code' }).click();
    await expect(phone.getByRole('status')).toContainText(`We sent a code to ${shown}`);
    for (const typed of formats.slice(1)) {
      await phone.getByLabel('Mobile number').fill(typed);
      await phone.getByRole('button', { name: 'Send code' }).click();
      await expect(phone.getByRole('status')).toContainText(`A code was already sent to ${shown}`);
      await expect(phone.getByRole('heading', { name: `Waiting for verification: ${shown}` })).toBeVisible();
    }

    await phone.getByLabel('Verification code').fill(await codeFromMailbox(context, `+86${national}`));
    await phone.getByRole('button', { name: 'Verify' }).click();
    await expect(phone.getByTestId('phone-verified')).toHaveText(shown);
  });

  test('an invalid mobile number is refused with an error and nothing is saved', async ({ page }) => {
    await signIn(page, newUsername('badphone'));
    await openContact(page);
    const phone = page.getByRole('region', { name: 'Mobile number', exact: true });
    for (const [typed, message] of [
      ['12345', 'Enter a valid mobile number'],
      ['010 1234 5678', 'This is a landline number'],
      ['call me maybe', 'Enter a valid mobile number'],
    ] as const) {
      await phone.getByLabel('Mobile number').fill(typed);
      await phone.getByRole('button', { name: 'Send code' }).click();
      await expect(phone.getByRole('alert')).toContainText(message);
      await expect(phone.getByLabel('Mobile number')).toHaveAttribute('aria-invalid', 'true');
    }
    await page.reload();
    await expect(phone).toContainText('None yet');
    await expect(phone.getByRole('heading', { name: /Waiting for verification/ })).toHaveCount(0);
  });

  test('the customer confirms the details are accurate, saves a postal address, and reads the notice centre', async ({ page }) => {
    await signIn(page, newUsername('accurate'));
    await openContact(page);
    await expect(page.getByTestId('accuracy-last-confirmed')).toHaveText('You have not confirmed these details yet.');
    await page.getByRole('region', { name: 'Accuracy' }).getByRole('button', { name: 'These details are accurate' }).click();
    await expect(page.getByTestId('accuracy-last-confirmed')).toHaveText(/^Last confirmed on /);

    const address = page.getByRole('region', { name: 'Postal address' });
    await address.getByLabel('Postal address (optional)').fill('北京市海淀区示例路 2 号');
    await address.getByRole('button', { name: 'Save address' }).click();
    await expect(address.getByRole('status')).toHaveText('Postal address saved.');
    await page.reload();
    await expect(address.getByLabel('Postal address (optional)')).toHaveValue('北京市海淀区示例路 2 号');

    await page.getByRole('link', { name: /^Notices, none unread$/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Notices' })).toBeVisible();
    await expect(page.getByTestId('unread-summary')).toHaveText('No unread notices');
  });

  test('the contact page in Chinese', async ({ page }) => {
    await signIn(page, newUsername('zh'));
    await page.getByRole('button', { name: /Switch language to Chinese/ }).click();
    // The switch is a server action: wait until it has taken effect before navigating away.
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await openContactZh(page);
  });
});

async function openContactZh(page: Page) {
  await page.goto('/contact');
  await expect(page.getByRole('heading', { level: 1, name: '联系方式' })).toBeVisible();
  const phone = page.getByRole('region', { name: '手机号码', exact: true });
  await phone.getByLabel('手机号码').fill('12345');
  await phone.getByRole('button', { name: '发送验证码' }).click();
  await expect(phone.getByRole('alert')).toContainText('请输入有效的手机号码');
}
