/**
 * The campaign editor's fields: a label tied to its input, a hint, and the problems located at
 * the field's place (`groups[1].strata[3].value`), which describe the input and mark it invalid.
 */
import { createContext, useContext, type ReactNode } from 'react';
import type { Lang } from '../../../survey';
import { fieldId } from './draft';

/** A problem as the page shows it: in the page's language when the server gave that language. */
export interface ShownProblem {
  path: string;
  text: string;
  lang: Lang;
  /** Found by the page itself (a number not yet whole), before any check by the server. */
  local: boolean;
}

/** The problems at each place of the form, and the page's language. */
export interface ProblemsByPlace {
  at: (place: string) => ShownProblem[];
  pageLang: Lang;
}

export const ProblemsContext = createContext<ProblemsByPlace>({ at: () => [], pageLang: 'vi' });
export const useProblems = (): ProblemsByPlace => useContext(ProblemsContext);

export const problemsId = (place: string): string => `${fieldId(place)}-problems`;

/** The attributes an input takes for the problems at `place`, and what else describes it. */
export function invalidProps(place: string, problems: readonly ShownProblem[], describedBy?: string): { 'aria-invalid'?: true; 'aria-describedby'?: string } {
  const ids = [describedBy, problems.length > 0 ? problemsId(place) : undefined].filter((x) => x !== undefined);
  return { ...(problems.length > 0 ? { 'aria-invalid': true as const } : {}), ...(ids.length > 0 ? { 'aria-describedby': ids.join(' ') } : {}) };
}

/** The problems located at one place, under its field. */
export function FieldProblems({ place, problems }: { place: string; problems: readonly ShownProblem[] }) {
  const { pageLang } = useProblems();
  if (problems.length === 0) return null;
  return (
    <ul className="field-problems error" id={problemsId(place)} data-place={place}>
      {problems.map((p, i) => (
        <li key={i} lang={p.lang !== pageLang ? p.lang : undefined}>
          {p.text}
        </li>
      ))}
    </ul>
  );
}

export interface TextFieldProps {
  place: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string | undefined;
  type?: 'text' | 'date';
  inputMode?: 'numeric' | undefined;
  /** The language the value is written in, when it is not the page's (an English title on a Vietnamese page). */
  lang?: Lang | undefined;
  className?: string | undefined;
}

export function TextField({ place, label, value, onChange, hint, type = 'text', inputMode, lang, className }: TextFieldProps) {
  const { at } = useProblems();
  const problems = at(place);
  const id = fieldId(place);
  const hintId = hint !== undefined ? `${id}-hint` : undefined;
  return (
    <div className={className ? `campaign-field ${className}` : 'campaign-field'}>
      <label htmlFor={id}>{label}</label>
      {hint !== undefined && (
        <p className="muted field-hint" id={hintId}>
          {hint}
        </p>
      )}
      <input id={id} type={type} inputMode={inputMode} value={value} lang={lang} onChange={(e) => onChange(e.target.value)} {...invalidProps(place, problems, hintId)} />
      <FieldProblems place={place} problems={problems} />
    </div>
  );
}

export interface SelectFieldProps {
  place: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  children: ReactNode;
  hint?: string | undefined;
}

export function SelectField({ place, label, value, onChange, children, hint }: SelectFieldProps) {
  const { at } = useProblems();
  const problems = at(place);
  const id = fieldId(place);
  const hintId = hint !== undefined ? `${id}-hint` : undefined;
  return (
    <div className="campaign-field">
      <label htmlFor={id}>{label}</label>
      {hint !== undefined && (
        <p className="muted field-hint" id={hintId}>
          {hint}
        </p>
      )}
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} {...invalidProps(place, problems, hintId)}>
        {children}
      </select>
      <FieldProblems place={place} problems={problems} />
    </div>
  );
}
