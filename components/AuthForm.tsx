/** The frame shared by sign-up, sign-in and password reset forms. */
import type { ComponentChildren, JSX } from "preact";
import { CsrfField, FormErrors } from "./Field.tsx";
import { Button } from "./Button.tsx";

export interface AuthFormProps {
  title: string;
  action: string;
  csrf: string;
  submit: string;
  errors?: Record<string, string>;
  children: ComponentChildren;
  footer?: ComponentChildren;
  enctype?: string;
}

export function AuthForm(props: AuthFormProps): JSX.Element {
  return (
    <div class="mx-auto max-w-md">
      <h1 class="mb-6 text-2xl font-bold text-gray-900">{props.title}</h1>
      <form
        method="post"
        action={props.action}
        noValidate
        class="rounded-lg border border-gray-200 bg-white p-6 shadow-sm"
      >
        <CsrfField token={props.csrf} />
        <FormErrors errors={props.errors} />
        {props.children}
        <Button>{props.submit}</Button>
      </form>
      {props.footer && <div class="mt-4 text-sm text-gray-600">{props.footer}</div>}
    </div>
  );
}
