declare module 'virtual:survey-definitions' {
  import type { Definition, RespondentGroup, Text } from '../survey';
  export interface CatalogEntry {
    id: string;
    version: number;
    title: Text;
    description?: Text;
    respondentGroups: RespondentGroup[];
    questionCount: number;
  }
  /** The questionnaires bundled with the app, newest version of each file. */
  export const catalog: CatalogEntry[];
  /** Loads a bundled definition by "id@version". */
  export const loaders: Record<string, () => Promise<Definition>>;
}
