import type { ReactNode } from "react";
import "./ui.css";

interface CheckboxListProps<T extends string> {
  options: readonly T[];
  checked: readonly T[];
  label: (option: T) => ReactNode;
  onChange: (checked: T[]) => void;
}

/** One checkbox per option, for a multiple choice inside a `FieldGroup`; keeps the options' order. */
export function CheckboxList<T extends string>({ options, checked, label, onChange }: CheckboxListProps<T>) {
  return (
    <ul className="checkbox-list">
      {options.map((option) => (
        <li key={option}>
          <label className="check">
            <input
              type="checkbox"
              checked={checked.includes(option)}
              onChange={(event) =>
                onChange(
                  options.filter((item) => (item === option ? event.target.checked : checked.includes(item))),
                )
              }
            />
            {label(option)}
          </label>
        </li>
      ))}
    </ul>
  );
}
