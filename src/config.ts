/**
 * Configuration from environment variables, validated once at startup.
 */
import { resolve } from 'node:path';
import { z } from 'zod';

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  CONTENT_DIR: z.string().min(1).default('content'),
  VIEWS_DIR: z.string().min(1).default('views'),
  PUBLIC_DIR: z.string().min(1).default('public'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  production: boolean;
  contentDir: string;
  viewsDir: string;
  publicDir: string;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = schema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid environment variables:\n${lines.join('\n')}`);
  }
  const e = result.data;
  return {
    port: e.PORT,
    host: e.HOST,
    production: e.NODE_ENV === 'production',
    contentDir: resolve(e.CONTENT_DIR),
    viewsDir: resolve(e.VIEWS_DIR),
    publicDir: resolve(e.PUBLIC_DIR),
    logLevel: e.LOG_LEVEL,
  };
}
