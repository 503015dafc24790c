export function electronBinaryPresent(electronDir: string): boolean;
export function fetchElectron(electronDir: string, env?: NodeJS.ProcessEnv): Promise<string | null>;
export function electronFetchFailure(output: string): string;
