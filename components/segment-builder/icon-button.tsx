import { cn } from "@/components/ui/cn";

const ICONS = {
  duplicate: <path d="M8 8h10v10H8zM6 16H5a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1h10a1 1 0 0 1 1 1v1" strokeLinejoin="round" />,
  remove: <path d="M6 6l12 12M18 6L6 18" strokeLinecap="round" />,
};

/** A small labelled icon button (the label is its accessible name and its tooltip). */
export function IconButton({
  label,
  icon,
  onClick,
  disabled,
  className,
}: {
  label: string;
  icon: keyof typeof ICONS;
  onClick: () => void;
  disabled?: boolean;
  className?: string;
}) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      disabled={disabled}
      onClick={onClick}
      className={cn(
        "inline-flex size-8 items-center justify-center rounded-md text-slate-500 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-brand-600 disabled:opacity-40",
        className,
      )}
    >
      <svg viewBox="0 0 24 24" className="size-4" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
        {ICONS[icon]}
      </svg>
    </button>
  );
}

/** Duplicate and remove, for a condition or a group (`what`: "group 1 condition 2"). */
export function ItemActions({
  what,
  canDuplicate,
  onDuplicate,
  onRemove,
}: {
  what: string;
  canDuplicate: boolean;
  onDuplicate: () => void;
  onRemove: () => void;
}) {
  return (
    <div className="flex shrink-0 items-center">
      <IconButton label={`Duplicate ${what}`} icon="duplicate" disabled={!canDuplicate} onClick={onDuplicate} />
      <IconButton label={`Remove ${what}`} icon="remove" onClick={onRemove} />
    </div>
  );
}
