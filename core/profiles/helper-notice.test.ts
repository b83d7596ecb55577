import { describe, expect, it } from 'vitest';
import type { FixPlan } from '../types';
import { helperCommandsSet, withHelperNotice } from './helper-notice';

const plan = (diff: string): FixPlan => ({ planId: 'p', fixId: 'use-gateway:x', title: 't', effects: [], warnings: ['w'], files: [{ path: '/s.json', diff, creates: false, beforeHash: '' }], canApply: true });

describe('helper notice', () => {
  it('quotes the exact command a plan adds, escapes decoded, first among the warnings', () => {
    const diff = '--- a\n+++ b\n@@ -1,2 +1,3 @@\n {\n-  "apiKeyHelper": "old-helper",\n+  "apiKeyHelper": "touch \'/tmp/x\'; echo \\"key\\"",\n   "env": {}\n';
    expect(helperCommandsSet(plan(diff))).toEqual([`touch '/tmp/x'; echo "key"`]);
    const noticed = withHelperNotice(plan(diff));
    expect(noticed.warnings[0]).toContain(`run this command to get a key: touch '/tmp/x'; echo "key"`);
    expect(noticed.warnings).toHaveLength(2);
  });

  it('leaves a plan that sets no helper (or only removes one) alone', () => {
    const removes = plan('-  "apiKeyHelper": "old",\n+  "model": "opus"\n');
    expect(withHelperNotice(removes)).toBe(removes);
  });
});
