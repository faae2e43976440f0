import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { call, inboundForm, newTenant, postInbound, type TenantFixture } from '../support/api-client';
import { freePort } from '../support/free-port';
import { startStack, type Stack } from '../support/stack';
import { eventually } from '../support/test-app';

/**
 * The pages in a real browser: Debian's Chromium (installed by scripts/setup.sh) driven by
 * playwright-core, against the whole stack (local AI provider, Twilio stand-in). The pages are
 * served from dist/web, which `npm run build` writes (scripts/test.sh builds before jest).
 *
 * Screenshots go to the test output: .tmp/console.png (the console on a desktop),
 * .tmp/console-360.png (on a 360 px wide phone) and .tmp/sandbox.png (the sandbox page).
 */
const CHROMIUM = '/usr/bin/chromium';
const OUTPUT = join(__dirname, '..', '..', '.tmp');
const SCREENSHOT = join(OUTPUT, 'console.png');
const NARROW_SCREENSHOT = join(OUTPUT, 'console-360.png');
const SANDBOX_SCREENSHOT = join(OUTPUT, 'sandbox.png');
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const DEMO_NUMBER = '+15550001000';
const AGENT = { email: `ana-${process.pid}@console.test`, password: 'agent-password-2024', name: 'Ana Souza' };

describe('the agent console and the sandbox page in Chromium', () => {
  let stack: Stack;
  let tenant: TenantFixture;
  let browser: BrowserContext;
  let profileDir: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`Chromium is missing at ${CHROMIUM}: run scripts/setup.sh, which installs Debian's chromium package for the browser tests.`);
    }
    // DEMO_SEED: the demo tenant's sandbox number, for the sandbox page; a known PORT, because the
    // sandbox number's sends go through the SDK to this very server's /sandbox/twilio.
    stack = await startStack('console-browser', { extra: { DEMO_SEED: 'true', PORT: String(await freePort()) } });
    const built = await fetch(`${stack.app.url}/console/`);
    if (built.status !== 200) throw new Error(`GET /console/ answered ${built.status}: build the pages first with \`npm run build\` (scripts/test.sh does).`);
    tenant = await newTenant(stack.app.url, 'Console');
    const agent = await call(stack.app.url, 'POST', '/api/v1/staff', { token: tenant.adminToken, json: { ...AGENT, role: 'agent' } });
    if (agent.status !== 201) throw new Error(`agent creation failed: ${agent.status} ${agent.text}`);
    profileDir = mkdtempSync(join(tmpdir(), 'atende-chromium-'));
    browser = await chromium.launchPersistentContext(profileDir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 800 } });
  });

  afterAll(async () => {
    await browser?.close();
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
    await stack?.close();
  });

  async function logIntoConsole(page: Page): Promise<void> {
    await page.goto(`${stack.app.url}/console/`);
    await page.getByLabel('E-mail').fill(AGENT.email);
    await page.getByLabel('Password').fill(AGENT.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    // Connected to the live gateway: from now on changes arrive over the socket, not by reloading.
    await page.locator('#live-status[data-state="live"]').waitFor();
  }

  it("shows a handed-off chat live, lets the agent claim it and reply, and the reply reaches the customer's WhatsApp", async () => {
    const page = await browser.newPage();
    await logIntoConsole(page);
    await page.getByText('Nobody is waiting for an agent.').waitFor();
    // A mark on this document: still there after the chat shows up means no reload happened. (Strings: the test has no DOM types.)
    await page.evaluate('window.atendeTestMark = true');

    const customer = '+5511955550001';
    const inbound = await postInbound(stack.app.url, inboundForm(tenant, { from: customer, body: 'quero falar com um atendente' }), tenant.number.authToken);
    expect(inbound.status).toBe(200);

    const queued = page.locator('#queue-list').getByRole('button', { name: new RegExp(`\\${customer}`) });
    await queued.waitFor();
    expect(await page.evaluate('window.atendeTestMark')).toBe(true);

    await queued.click();
    await page.getByRole('heading', { level: 2, name: new RegExp(`\\${customer}`) }).waitFor();
    const timeline = page.getByRole('list', { name: 'Messages and notes' });
    await timeline.locator('.entry--contact', { hasText: 'quero falar com um atendente' }).waitFor();
    expect(await timeline.locator('.entry--contact .entry__who').first().innerText()).toContain('Customer');

    await page.getByRole('button', { name: 'Claim' }).click();
    await page.locator('#mine-list').getByRole('button', { name: new RegExp(`\\${customer}`) }).waitFor();
    await page.getByText('Nobody is waiting for an agent.').waitFor();

    const reply = 'Olá! Sou a Ana, vou continuar o seu atendimento.';
    await page.getByLabel('Reply to the customer').fill(reply);
    await page.getByRole('button', { name: 'Send reply' }).click();

    const delivered = await eventually(() => stack.sentTo(customer).find((m) => m.body === reply), 'the agent reply at the Twilio stand-in');
    expect(delivered).toMatchObject({ to: `whatsapp:${customer}`, from: `whatsapp:${tenant.number.phoneNumber}` });
    const sent = timeline.locator('.entry--agent', { hasText: reply });
    await sent.waitFor();
    expect(await sent.locator('.entry__who').innerText()).toContain(AGENT.name);
    expect(await sent.locator('.entry__status').count()).toBe(1);

    await page.getByLabel('Internal note').fill('Cliente quer trocar o pedido 123.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await timeline.locator('.entry--note', { hasText: 'Cliente quer trocar o pedido 123.' }).waitFor();
    expect(stack.sentTo(customer).some((m) => m.body.includes('pedido 123'))).toBe(false);

    mkdirSync(OUTPUT, { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    await page.setViewportSize({ width: 360, height: 740 });
    const horizontalOverflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(horizontalOverflow).toBe(0);
    await page.screenshot({ path: NARROW_SCREENSHOT, fullPage: true });

    await page.getByRole('button', { name: 'Release to the AI' }).click();
    await page.getByLabel('Note for the AI (optional)').fill('Troca do pedido 123 já combinada.');
    await page.getByRole('button', { name: 'Release', exact: true }).click();
    // On a 360 px screen the lists are behind "← Conversations": the count is there, not shown.
    await page.locator('#mine-count', { hasText: /^0$/ }).waitFor({ state: 'attached' });
    await page.locator('#chat-state', { hasText: 'With the AI' }).waitFor();
    const [release] = await stack.query<{ body: string }>(`SELECT body FROM conversation_notes WHERE kind = 'release'`);
    expect(release.body).toBe('Troca do pedido 123 já combinada.');
    await page.close();
  });

  it('lets a developer chat as a WhatsApp user on the sandbox page and shows the AI reply', async () => {
    const page = await browser.newPage();
    await page.goto(`${stack.app.url}/sandbox`);
    expect(await page.getByLabel('Sandbox number').inputValue()).toBe(DEMO_NUMBER);
    await page.getByLabel('Your phone').fill('+5511955550002');
    await page.getByLabel('Your WhatsApp name (optional)').fill('Joana');
    await page.getByRole('button', { name: 'Switch chat' }).click();

    await page.getByLabel('Message', { exact: true }).fill('Olá, bom dia!');
    await page.getByRole('button', { name: 'Send', exact: true }).click();

    const messages = page.getByRole('list', { name: 'Messages', exact: true });
    await messages.locator('.bubble--you', { hasText: 'Olá, bom dia!' }).waitFor();
    await messages.locator('.bubble--them', { hasText: 'Sou o assistente virtual de Demo Store' }).waitFor();
    mkdirSync(OUTPUT, { recursive: true });
    await page.screenshot({ path: SANDBOX_SCREENSHOT, fullPage: true });
    await page.close();
  });
});
