import { Liquid } from 'liquidjs';

/** What a template can read: the run's trigger data and input, earlier steps' outputs, `set` values. */
export interface TemplateContext {
  trigger: Record<string, unknown>;
  input: Record<string, unknown>;
  steps: Record<string, { output: unknown }>;
  vars: Record<string, unknown>;
}

// Liquid runs no JavaScript and reads own properties only (no prototype walk). Strict variables
// would fail a template on an optional field; a missing value renders empty instead.
const liquid = new Liquid({ ownPropertyOnly: true, strictFilters: true, strictVariables: false });

/** One `{{ expression }}` and nothing else: the template stands for a value, not a text. */
const SINGLE_EXPRESSION = /^\{\{\s*([^{}]+?)\s*\}\}$/;

/** The parse error of a template, or undefined when it parses. */
export function templateError(template: string): string | undefined {
  try {
    liquid.parse(template);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message.split('\n')[0] : String(error);
  }
}

/** Renders text; a template that is a single expression keeps the value's type (a number stays one). */
export async function renderTemplate(template: string, context: TemplateContext): Promise<unknown> {
  const single = SINGLE_EXPRESSION.exec(template);
  if (single) return liquid.evalValue(single[1], { ...context });
  return liquid.parseAndRender(template, { ...context });
}

export async function renderText(template: string, context: TemplateContext): Promise<string> {
  return liquid.parseAndRender(template, { ...context });
}

export async function renderMap(
  templates: Record<string, string>,
  context: TemplateContext,
): Promise<Record<string, unknown>> {
  const entries = await Promise.all(
    Object.entries(templates).map(
      async ([name, template]) => [name, await renderTemplate(template, context)] as const,
    ),
  );
  return Object.fromEntries(entries);
}
