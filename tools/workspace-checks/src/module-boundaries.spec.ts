import { ESLint } from 'eslint';
import { join } from 'node:path';
import { workspaceRoot } from './workspace-root.js';

// Lints code as if it sat in a project, with the workspace's own ESLint config and Nx graph.
async function boundaryErrors(projectFile: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: workspaceRoot });
  const [result] = await eslint.lintText(code, { filePath: join(workspaceRoot, projectFile) });
  return result.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message);
}

describe('module boundaries', () => {
  it('keeps contracts free of every other library of ours', async () => {
    const errors = await boundaryErrors(
      'libs/contracts/src/x.ts',
      "export { loadEnv } from '@triggerline/config';\n",
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/type:contracts/);
  });

  it('keeps test helpers out of production code, but lets tests use them', async () => {
    const code = "export { expectEventually } from '@triggerline/testing';\n";
    expect(await boundaryErrors('libs/messaging/src/x.ts', code)).toHaveLength(1);
    expect(await boundaryErrors('libs/messaging/src/x.spec.ts', code)).toEqual([]);
  });

  it('lets platform code build on contracts and apps on libraries', async () => {
    expect(
      await boundaryErrors('libs/messaging/src/x.ts', "export { STREAMS } from '@triggerline/contracts';\n"),
    ).toEqual([]);
    expect(
      await boundaryErrors('apps/cli/src/x.ts', "export { connectNats } from '@triggerline/messaging';\n"),
    ).toEqual([]);
  });

  it('refuses a relative import that reaches into another project', async () => {
    const errors = await boundaryErrors(
      'libs/messaging/src/x.ts',
      "export * from '../../contracts/src/index.js';\n",
    );
    expect(errors).toHaveLength(1);
  });
});
