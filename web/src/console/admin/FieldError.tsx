import { issueText } from "../../common/issue-text";

/** A field's error under its input, in the UI language. */
export function FieldError({ message, testId }: { message: string | undefined; testId?: string }) {
  if (!message) return null;
  return (
    <span class="field-error" role="alert" data-testid={testId ?? "field-error"}>
      {issueText(message)}
    </span>
  );
}
