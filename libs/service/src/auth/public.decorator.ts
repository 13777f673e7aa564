import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'triggerline:public';

/** Opens a route without an API key: health, metrics, docs, and webhooks (which carry a signature). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
