"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { SEGMENT_TEMPLATES, type SegmentTemplate } from "@/lib/segments/engine/templates";

/** "Start from a template": the brief's named segments, by category. */
export function TemplatesMenu({ onPick }: { onPick: (template: SegmentTemplate) => void }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const categories = [...new Set(SEGMENT_TEMPLATES.map((t) => t.category))];
  return (
    <div>
      <Button
        variant="secondary"
        size="sm"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
      >
        {open ? "Hide templates" : "Start from a template"}
      </Button>
      {open ? (
        <div
          id={panelId}
          className="mt-2 grid grid-cols-2 gap-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 xl:grid-cols-3"
        >
          {categories.map((category) => (
            <section key={category} aria-label={category}>
              <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{category}</h3>
              <ul className="mt-1 space-y-1">
                {SEGMENT_TEMPLATES.filter((t) => t.category === category).map((template) => (
                  <li key={template.key}>
                    <button
                      type="button"
                      onClick={() => {
                        onPick(template);
                        setOpen(false);
                      }}
                      className="w-full rounded-md px-2 py-1 text-left hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-600"
                    >
                      <span className="block text-sm font-medium text-slate-900">{template.name}</span>
                      <span className="block text-xs text-slate-500">{template.summary}</span>
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      ) : null}
    </div>
  );
}
