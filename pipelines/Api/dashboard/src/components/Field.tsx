import type { ReactNode } from 'react';

/** A labelled form field with its validation message. */
export function Field({ label, path, errors, children, hint }: { label: string; path: string; errors: Record<string, string>; children: (id: string, invalid: boolean) => ReactNode; hint?: string }) {
  const id = `f-${path.replace(/[^a-z0-9]/gi, '-')}`;
  const error = errors[path.toLowerCase()];
  return (
    <div className={`field${error ? ' invalid' : ''}`} data-field={path}>
      <label htmlFor={id}>{label}</label>
      {children(id, Boolean(error))}
      {hint && !error && <span className="hint">{hint}</span>}
      {error && <span className="field-error" id={`${id}-error`} role="alert">{error}</span>}
    </div>
  );
}

/** Errors that no field on the form shows. */
export function OtherErrors({ errors, shown }: { errors: Record<string, string>; shown: string[] }) {
  const rest = Object.entries(errors).filter(([k]) => !shown.includes(k));
  if (!rest.length) return null;
  return (
    <ul className="error" role="alert">
      {rest.map(([k, v]) => <li key={k}>{k ? `${k}: ` : ''}{v}</li>)}
    </ul>
  );
}
