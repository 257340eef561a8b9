// A plain GET search form (`?q=`): the results page has an address, and it works before any script has loaded.
type SearchFormProps = { defaultValue: string; label: string; placeholder: string; submitLabel: string };

export function SearchForm({ defaultValue, label, placeholder, submitLabel }: SearchFormProps) {
  return (
    <search>
      <form className="flex gap-2">
        <input
          type="search"
          name="q"
          defaultValue={defaultValue}
          aria-label={label}
          placeholder={placeholder}
          className="flex-1 rounded-xl border border-line bg-canvas px-3.5 py-2"
        />
        <button type="submit" className="rounded-xl bg-ink px-4 py-2 font-medium text-canvas text-sm">
          {submitLabel}
        </button>
      </form>
    </search>
  );
}
