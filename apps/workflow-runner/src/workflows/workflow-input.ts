import {
  compileCel,
  compileValidator,
  type FieldError,
  joinPath,
  TRIGGER_SCHEMA,
  type TriggerDefinition,
  type Validated,
} from '@triggerline/contracts';
import { STEP_SCHEMA, type Step } from '../steps/step-schemas.js';
import { templateError } from '../templates/template-engine.js';

/** What a client sends to create or replace a workflow. */
export interface WorkflowInput {
  name: string;
  description?: string;
  status?: 'draft' | 'active' | 'paused';
  trigger: TriggerDefinition;
  steps: Step[];
  max_concurrency?: number;
  timeout_seconds?: number;
}

export const WORKFLOW_INPUT_SCHEMA = {
  type: 'object',
  required: ['name', 'trigger', 'steps'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    description: { type: 'string', maxLength: 2_000 },
    status: { enum: ['draft', 'active', 'paused'] },
    trigger: TRIGGER_SCHEMA,
    steps: { type: 'array', minItems: 1, maxItems: 100, items: STEP_SCHEMA },
    max_concurrency: { type: 'integer', minimum: 1, maximum: 1_000 },
    timeout_seconds: { type: 'integer', minimum: 1, maximum: 30 * 24 * 60 * 60 },
  },
  additionalProperties: false,
};

const validateShape = compileValidator<WorkflowInput>(WORKFLOW_INPUT_SCHEMA);

/** Shape first (every field error with its path), then what a schema cannot say. */
export function validateWorkflowInput(value: unknown): Validated<WorkflowInput> {
  const shape = validateShape(value);
  if (!shape.ok) return shape;
  const errors = [...filterErrors(shape.value.trigger), ...stepErrors(shape.value.steps)];
  return errors.length > 0 ? { ok: false, errors } : shape;
}

function filterErrors(trigger: TriggerDefinition): FieldError[] {
  if (trigger.type !== 'event' || trigger.filter === undefined) return [];
  const compiled = compileCel(trigger.filter, 'trigger.filter');
  return compiled.ok ? [] : compiled.errors;
}

function stepErrors(steps: Step[]): FieldError[] {
  const errors: FieldError[] = [];
  const positions = new Map<string, number>();
  steps.forEach((step, index) => {
    if (positions.has(step.id))
      errors.push({
        path: `steps[${index}].id`,
        message: `repeats the id of steps[${positions.get(step.id)}]`,
      });
    else positions.set(step.id, index);
  });
  steps.forEach((step, index) => {
    const path = `steps[${index}]`;
    for (const [field, template] of templatesOf(step)) {
      const problem = templateError(template);
      if (problem)
        errors.push({ path: joinPath(path, field), message: `is not a valid template: ${problem}` });
    }
    if (step.type === 'condition') {
      const compiled = compileCel(step.expression, joinPath(path, 'expression'));
      if (!compiled.ok) errors.push(...compiled.errors);
      for (const branch of ['then', 'else'] as const) {
        const target = step[branch];
        if (target === undefined) continue;
        const position = positions.get(target);
        if (position === undefined)
          errors.push({ path: joinPath(path, branch), message: `points at no step "${target}"` });
        // Forward jumps only: a workflow cannot loop.
        else if (position <= index)
          errors.push({
            path: joinPath(path, branch),
            message: `must point at a later step than "${step.id}"`,
          });
      }
    }
  });
  return errors;
}

/** Every template of a step with its field path inside the step. */
function templatesOf(step: Step): [string, string][] {
  const map = (field: string, values: Record<string, string> | undefined): [string, string][] =>
    Object.entries(values ?? {}).map(([key, template]) => [`${field}.${key}`, template]);
  switch (step.type) {
    case 'log':
      return [['message', step.message]];
    case 'set':
      return map('values', step.values);
    case 'http_request':
      return [
        ['url', step.url],
        ...map('headers', step.headers),
        ...(step.body === undefined ? [] : [['body', step.body] as [string, string]]),
      ];
    case 'emit_event':
      return map('data', step.data);
    default:
      return [];
  }
}
