import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeEnv, platformEnvSchema } from '@triggerline/config';
import { workspaceRoot } from './workspace-root.js';

const readme = readFileSync(join(workspaceRoot, 'README.md'), 'utf8');

describe('README.md', () => {
  it('documents every variable of the shared configuration in its table', () => {
    const documented = [...readme.matchAll(/^\| `([A-Z_]+)` +\|/gm)].map((match) => match[1]);
    const known = describeEnv(platformEnvSchema({ service: 'any', port: 1 })).map(
      (variable) => variable.name,
    );
    expect(documented).toEqual(known);
  });

  it('gives a quick start of exactly two commands, and the test one is what CI runs', () => {
    const quickStart = readme.split('## Quick start')[1].split('```sh')[1].split('```')[0];
    const commands = quickStart.trim().split('\n');
    expect(commands).toHaveLength(2);
    expect(commands[1]).toMatch(/^npm test\b/);
    expect(readFileSync(join(workspaceRoot, '.ci/run'), 'utf8')).toMatch(/^npm test\b/m);
  });
});
