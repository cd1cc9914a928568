/**
 * react-hook-form resolver built from a definition: the engine's validateAnswers, the same rules
 * the server applies. Errors carry every language of their message (message = Vietnamese, types.<lang>).
 */
import type { FieldErrors, Resolver } from 'react-hook-form';
import { validateAnswers, type Answers, type Definition } from '../../survey';
import { questionIdOfField } from './fields';

/** The question ids a set of form field names belongs to (matrix rows and “specify” texts map to their question). */
export function questionIdsOf(names: readonly string[]): Set<string> {
  const ids = new Set<string>();
  for (const name of names) ids.add(questionIdOfField(name));
  return ids;
}

export function definitionResolver(def: Definition): Resolver<Answers> {
  return (values, _context, options) => {
    const only = options.names ? questionIdsOf(options.names) : undefined;
    const found = validateAnswers(def, values, { only });
    const errors: FieldErrors<Answers> = {};
    for (const [name, e] of Object.entries(found)) {
      // Every language of the message: the questionnaire's own messages may have more than vi and en.
      errors[name] = { type: e.code, message: e.message.vi, types: { ...e.message } };
    }
    return Object.keys(errors).length > 0 ? { values: {}, errors } : { values, errors: {} };
  };
}
