/**
 * Switching every surface from the dashboard: the VS Code settings (JSONC with
 * comments) and the shell profile are changed by "Use the claude.ai login",
 * restored byte for byte by Undo, and again by switching back to the gateway.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test, expect, snap, CANARY } from './support/dashboard';

test('the switch preview lists each surface; VS Code settings and the shell profile change, and Undo restores them', async ({ page, dashboard }) => {
  const url = dashboard.gateway.url;
  const vscodePath = join(dashboard.home, '.config', 'Code', 'User', 'settings.json');
  const bashrcPath = join(dashboard.home, '.bashrc');
  const vscode = `// my editor\n{\n  "editor.fontSize": 13, // small\n  "claudeCode.environmentVariables": [\n    { "name": "ANTHROPIC_BASE_URL", "value": "${url}" },\n    { "name": "ANTHROPIC_AUTH_TOKEN", "value": "${CANARY}" }\n  ],\n  "claudeCode.disableLoginPrompt": true\n}\n`;
  const bashrc = `alias ll='ls -l'\nexport ANTHROPIC_BASE_URL=${url}\nexport ANTHROPIC_AUTH_TOKEN=${CANARY}\n`;
  await mkdir(dirname(vscodePath), { recursive: true });
  await writeFile(vscodePath, vscode);
  await writeFile(bashrcPath, bashrc);
  const userSettings = await dashboard.readUserSettings();
  const files = async () => ({ user: await dashboard.readUserSettings(), vscode: await readFile(vscodePath, 'utf8'), bashrc: await readFile(bashrcPath, 'utf8') });
  const start = { user: userSettings, vscode, bashrc };

  await page.goto(dashboard.url);
  await page.getByRole('button', { name: 'Profiles & mode' }).click();
  await page.getByRole('button', { name: 'Add a profile…' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Corp');
  await page.getByLabel('Gateway base URL').fill(url);
  await page.getByLabel('Secret').fill(CANARY);
  await page.getByRole('button', { name: 'Save profile' }).click();
  const profile = page.locator('[data-testid^="profile-"]').filter({ hasText: 'Corp' });
  await expect(profile).toContainText('secret stored');

  // The preview: each surface first, then the diffs of all three files; nothing written yet.
  await page.getByRole('button', { name: 'Use claude.ai login…' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('plan-dialog')).toHaveAttribute('data-step', 'preview');
  const surfaces = dialog.getByTestId('plan-surfaces');
  for (const label of ['Claude Code in a terminal', 'VS Code extension', 'New terminals', 'Claude desktop app', 'Remote Control', 'Voice dictation']) await expect(surfaces).toContainText(label);
  await expect(surfaces.locator('[data-surface="vscode"]')).toContainText('~/.config/Code/User/settings.json');
  await expect(surfaces.locator('[data-surface="terminals"]')).toContainText('~/.bashrc');
  await expect(dialog.getByTestId('diff')).toHaveCount(3);
  expect(await page.content()).not.toContain(CANARY);
  expect(await files()).toEqual(start);
  await snap(page, 'switch-surfaces-preview');
  const axe = await new AxeBuilder({ page }).include('dialog[open]').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(dialog.getByTestId('apply-result')).toBeVisible();
  const login = await files();
  expect(login.vscode).not.toMatch(/ANTHROPIC_|disableLoginPrompt/);
  expect(login.vscode).toContain('// small');
  expect(login.bashrc).toContain('# off while using the claude.ai login (Gateway Doctor): export ANTHROPIC_BASE_URL=');
  expect(login.user).not.toContain('ANTHROPIC_BASE_URL');

  // One Undo restores every file of the switch.
  await dialog.getByRole('button', { name: 'Undo' }).click();
  await expect(dialog.getByTestId('undo-result')).toBeVisible();
  expect(await files()).toEqual(start);
  await page.keyboard.press('Escape');

  // Switch to the login again, then back to the profile: every file as it started.
  await page.getByRole('button', { name: 'Use claude.ai login…' }).click();
  await expect(dialog.getByTestId('plan-dialog')).toHaveAttribute('data-step', 'preview');
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByTestId('mode')).not.toHaveAttribute('data-mode', 'gateway');
  await profile.getByRole('button', { name: 'Use this gateway…' }).click();
  await expect(dialog.getByTestId('plan-dialog')).toHaveAttribute('data-step', 'preview');
  await expect(dialog.getByTestId('plan-surfaces').locator('[data-surface="vscode"]')).toContainText('gets its previous gateway settings back');
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByTestId('mode')).toHaveAttribute('data-mode', 'gateway');
  expect(await files()).toEqual(start);
  expect(await page.content()).not.toContain(CANARY);
});

test('project settings that keep the gateway are listed, and the personal local settings switch in one click', async ({ page, dashboard }) => {
  const url = dashboard.gateway.url;
  const local = join(dashboard.project, '.claude', 'settings.local.json');
  const localText = `{\n  "env": {\n    "ANTHROPIC_BASE_URL": "${url}"\n  }\n}\n`;
  await mkdir(dirname(local), { recursive: true });
  await writeFile(local, localText);

  await page.goto(dashboard.url);
  await page.getByRole('button', { name: 'Profiles & mode' }).click();
  await page.getByRole('button', { name: 'Use claude.ai login…' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('plan-dialog')).toHaveAttribute('data-step', 'preview');
  const cli = dialog.getByTestId('plan-surfaces').locator('[data-surface="cli"]');
  await expect(cli).toContainText('Still uses the gateway in that project');
  await expect(dialog.getByTestId('diff')).toHaveCount(1);

  await cli.getByTestId('include-local-settings').click();
  await expect(dialog.getByTestId('diff')).toHaveCount(2);
  await expect(cli).toContainText('settings.local.json too');
  await expect(cli.getByTestId('include-local-settings')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(dialog.getByTestId('apply-result')).toBeVisible();
  expect(await readFile(local, 'utf8')).not.toContain('ANTHROPIC_BASE_URL');
  await dialog.getByRole('button', { name: 'Undo' }).click();
  await expect(dialog.getByTestId('undo-result')).toBeVisible();
  expect(await readFile(local, 'utf8')).toBe(localText);
});
