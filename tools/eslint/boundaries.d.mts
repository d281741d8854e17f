import type { ESLint } from 'eslint';

export const FLOORS: Record<string, number>;
export function placeOf(file: string): { pkg: string; feature?: string; root?: string } | undefined;
declare const plugin: ESLint.Plugin;
export default plugin;
