import type { ApiBody } from '@nestjs/swagger';

type OpenApiSchema = Extract<Parameters<typeof ApiBody>[0], { schema: unknown }>['schema'];

/**
 * A JSON Schema of the contracts as an OpenAPI schema object, for `@ApiBody({ schema })`: the
 * request is validated against the same schema by Ajv, so the docs cannot drift from the check.
 */
export function openApiSchema(schema: object): OpenApiSchema {
  return schema as OpenApiSchema;
}
