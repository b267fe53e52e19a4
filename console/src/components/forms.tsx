import type { ComponentChildren } from "preact";
import type { UserError } from "../api";

/** The accessibility attributes a field's control takes from its {@link Field}. */
export interface ControlProps {
  id: string;
  "aria-invalid"?: "true";
  "aria-describedby"?: string;
}

/** userErrors sorted by the input field they name (`["input", field, ...]`); the rest are `other`. */
export interface FieldErrors {
  byField: Record<string, string[]>;
  other: string[];
}

export const NO_ERRORS: FieldErrors = { byField: {}, other: [] };

/** Groups `userErrors` under the first segment after "input" when it is one of `fields`. */
export function fieldErrors(userErrors: readonly UserError[], fields: readonly string[]): FieldErrors {
  const result: FieldErrors = { byField: {}, other: [] };
  for (const error of userErrors) {
    const [root, name] = error.field ?? [];
    if (root === "input" && name !== undefined && fields.includes(name)) {
      (result.byField[name] ??= []).push(error.message);
    } else {
      result.other.push(error.message);
    }
  }
  return result;
}

/** A labelled form control with its hint and, beside it, the errors the server reported for it. */
export function Field(props: {
  id: string;
  label: string;
  hint?: string;
  errors?: string[] | undefined;
  children: (control: ControlProps) => ComponentChildren;
}) {
  const errors = props.errors ?? [];
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  const errorId = errors.length > 0 ? `${props.id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(" ");
  return (
    <div class={errors.length > 0 ? "field invalid" : "field"}>
      <label for={props.id}>{props.label}</label>
      {props.children({
        id: props.id,
        ...(errors.length > 0 ? { "aria-invalid": "true" } : {}),
        ...(describedBy ? { "aria-describedby": describedBy } : {}),
      })}
      {errorId && (
        <div class="field-error" id={errorId}>
          {errors.map((message) => (
            <p key={message}>{message}</p>
          ))}
        </div>
      )}
      {props.hint && (
        <small class="hint" id={hintId}>
          {props.hint}
        </small>
      )}
    </div>
  );
}

/** An error message the API or the network gave, read out when it appears. */
export function Alert(props: { message: string | undefined }) {
  return props.message ? (
    <p class="alert" role="alert">
      {props.message}
    </p>
  ) : null;
}

/** A short confirmation of what just happened. */
export function Notice(props: { message: string | undefined }) {
  return (
    <p class="notice" role="status">
      {props.message}
    </p>
  );
}
