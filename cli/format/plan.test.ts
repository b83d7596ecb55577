import { describe, expect, it } from 'vitest';
import type { FixPlan } from '../../core/types';
import { formatPlan } from './plan';

const base: FixPlan = {
  planId: 'p1',
  fixId: 'vscode-missing-gateway-env',
  title: 'Give VS Code the gateway',
  canApply: true,
  effects: ['The extension uses the gateway.'],
  warnings: [],
  files: [{ path: '/home/ana/.config/Code/User/settings.json', diff: '--- a\n+++ b\n+x\n', creates: false, deletes: false }],
} as unknown as FixPlan;

describe('formatPlan', () => {
  it('prints title, effects, files under ~ and each diff', () => {
    expect(formatPlan(base, '/home/ana')).toBe(
      'Give VS Code the gateway  (vscode-missing-gateway-env)\n\nWhat changes:\n  - The extension uses the gateway.\n\nFiles:\n  ~/.config/Code/User/settings.json\n\n--- a\n+++ b\n+x\n',
    );
  });

  it('a plan that cannot apply says why, and nothing about files', () => {
    const text = formatPlan({ ...base, canApply: false, refusal: 'The file is not valid JSON.', warnings: ['Fix it first.'] }, '/home/ana');
    expect(text).toBe('Give VS Code the gateway  (vscode-missing-gateway-env)\n\nCannot apply: The file is not valid JSON.\n  ! Fix it first.\n');
  });
});
