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
          className="border-line bg-canvas flex-1 rounded-xl border px-3.5 py-2"
        />
        <button type="submit" className="bg-ink text-canvas rounded-xl px-4 py-2 text-sm font-medium">
          {submitLabel}
        </button>
      </form>
    </search>
  );
}
