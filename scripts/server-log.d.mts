export function serverLogArgs(dataDir: string, argv: readonly string[]): { args: string[]; file: string | null };
