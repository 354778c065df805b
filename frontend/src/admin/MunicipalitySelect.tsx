import { Field } from "../ui/Field";
import { useMunicipalities } from "./queries";

interface MunicipalitySelectProps {
  id: string;
  label: string;
  value: string;
  onChange: (municipalityId: string) => void;
  /** The empty choice: "all" in a filter, "please choose" in a form. */
  emptyLabel: string;
  error?: string | null;
  required?: boolean;
}

/** Chooses one of the municipalities the user may see. */
export function MunicipalitySelect({ id, label, value, onChange, emptyLabel, error, required }: MunicipalitySelectProps) {
  const municipalities = useMunicipalities();
  return (
    <Field id={id} label={label} error={error} required={required}>
      {(control) => (
        <select {...control} value={value} onChange={(event) => onChange(event.target.value)}>
          <option value="">{emptyLabel}</option>
          {(municipalities.data ?? []).map((item) => (
            <option key={item.id} value={item.id}>
              {item.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
