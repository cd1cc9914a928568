/**
 * A choice question with a choice filter (a commune after its province). It subscribes to the
 * answers its filter reads and to nothing else, so answering other questions never re-renders it
 * (a dropdown of hundreds of communes stays cheap), and offers the options those answers select;
 * while one of them is unanswered it says which to answer first. An answer the filter stops
 * offering is cleared by the form (SurveyForm, FormRuntime.unoffered).
 */
import { useContext } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import { choiceFilterParents, offeredOptions, questionIndex, unansweredFilterParent, type Answers } from '../../../survey';
import { RenderProbeContext, useFormEnv } from '../env';
import { ChoiceInput, type ChoiceInputProps } from './ChoiceInput';

export function FilteredChoice(props: ChoiceInputProps) {
  const { question: q } = props;
  // Its options render on their own when the province changes: counted as the question's renders.
  useContext(RenderProbeContext)?.(q.id);
  const { definition, text, t } = useFormEnv();
  const { control } = useFormContext<Answers>();
  // The same array on every render: useWatch subscribes once, to exactly these names.
  const parents = choiceFilterParents(definition, q) as string[];
  const values = useWatch({ control, name: parents, exact: true });
  const answers: Answers = {};
  parents.forEach((p, i) => (answers[p] = values[i]));
  const waiting = unansweredFilterParent(definition, q, answers);
  if (waiting !== undefined) {
    const parent = questionIndex(definition).get(waiting)?.question;
    return (
      <p className="hint choice-waiting">
        {t('form.answerFirst', { question: parent ? text(parent.label) : waiting })}
      </p>
    );
  }
  return <ChoiceInput {...props} options={offeredOptions(definition, q, answers)} />;
}
