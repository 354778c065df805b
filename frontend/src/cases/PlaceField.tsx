import { useTranslation } from "react-i18next";
import { Field } from "../ui/Field";
import { maxLengthOf } from "../ui/validation";
import { OTHER_PLACE } from "./form";
import type { CaseFormValues } from "./form";
import type { Place } from "./model";
import { usePlaces } from "./queries";

interface PlaceFieldProps {
  values: Pick<CaseFormValues, "place_id" | "place">;
  onChange: (patch: Pick<CaseFormValues, "place_id" | "place">) => void;
  error: (name: string) => string | undefined;
}

/** Each municipality of the list with its Ortsteile, archived ones only where chosen. */
function groups(places: Place[], chosen: string) {
  const offered = places.filter((place) => !place.archived || place.id === chosen);
  const towns = offered.filter((place) => place.kind === "municipality");
  return towns.map((town) => ({
    town,
    parts: offered.filter((place) => place.parent_id === town.id),
  }));
}

/**
 * The place of a case: chosen from the municipality's list (towns and their Ortsteile),
 * so statistics can count by place; a place in words only when it is not in the list.
 */
export function PlaceField({ values, onChange, error }: PlaceFieldProps) {
  const { t } = useTranslation("cases");
  const places = usePlaces();
  const listed = places.data ?? [];
  const other = values.place_id === OTHER_PLACE;
  return (
    <>
      <Field
        id="case-place_id"
        label={t("field.place_id")}
        hint={places.isError ? t("place.listUnavailable") : t("place.hint")}
        error={error("place_id")}
      >
        {(control) => (
          <select
            {...control}
            value={values.place_id}
            onChange={(event) => onChange({ place_id: event.target.value, place: event.target.value === OTHER_PLACE ? values.place : "" })}
          >
            <option value="">{t("place.none")}</option>
            {groups(listed, values.place_id).map(({ town, parts }) => (
              <optgroup key={town.id} label={town.name}>
                <option value={town.id}>{town.name}</option>
                {parts.map((part) => (
                  <option key={part.id} value={part.id}>
                    {t("place.part", { part: part.name, town: town.name })}
                  </option>
                ))}
              </optgroup>
            ))}
            <option value={OTHER_PLACE}>{t("place.other")}</option>
          </select>
        )}
      </Field>
      {other && (
        <Field
          id="case-place"
          label={t("field.place")}
          hint={t("place.inWordsHint")}
          error={error("place")}
          length={{ value: values.place, max: maxLengthOf("CaseUpdate", "place") }}
        >
          {(control) => (
            <input {...control} type="text" value={values.place} onChange={(event) => onChange({ place_id: OTHER_PLACE, place: event.target.value })} />
          )}
        </Field>
      )}
    </>
  );
}
