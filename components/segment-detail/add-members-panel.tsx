"use client";

import { useRouter } from "next/navigation";
import { useEffect, useId, useState, useTransition } from "react";
import { addStaticMembersAction, searchContactsToAddAction } from "@/app/(app)/segments/[id]/actions";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { ContactChoice } from "@/lib/data/segments/segment-static-members";
import { ActionMessage, type ActionMessageValue, UNREACHABLE } from "./action-message";

const SEARCH_DELAY_MS = 250;

const contactLabel = (contact: ContactChoice) => (contact.name ? `${contact.name} <${contact.email}>` : contact.email);

/**
 * A static segment's "Add contacts": search the company's contacts by name or email,
 * tick the ones to add (ticks survive a new search), add them in one go.
 */
export function AddMembersPanel({ segmentId }: { segmentId: string }) {
  const router = useRouter();
  const inputId = useId();
  const [q, setQ] = useState("");
  const [results, setResults] = useState<ContactChoice[] | null>(null);
  const [searchError, setSearchError] = useState<string | null>(null);
  const [picked, setPicked] = useState<Map<string, string>>(new Map());
  const [message, setMessage] = useState<ActionMessageValue>(null);
  const [adding, startAdding] = useTransition();

  useEffect(() => {
    const needle = q.trim();
    if (!needle) {
      setResults(null);
      setSearchError(null);
      return;
    }
    let current = true;
    const timer = setTimeout(async () => {
      try {
        const result = await searchContactsToAddAction({ segmentId, q: needle });
        if (!current) return;
        if (result.ok) {
          setResults(result.data);
          setSearchError(null);
        } else setSearchError(result.error);
      } catch {
        if (current) setSearchError("Could not reach the server. Try again.");
      }
    }, SEARCH_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [q, segmentId]);

  const toggle = (contact: ContactChoice, on: boolean) =>
    setPicked((before) => {
      const next = new Map(before);
      if (on) next.set(contact.id, contactLabel(contact));
      else next.delete(contact.id);
      return next;
    });

  const add = () => {
    setMessage(null);
    startAdding(async () => {
      try {
        const result = await addStaticMembersAction({ segmentId, contactIds: [...picked.keys()] });
        if (!result.ok) {
          setMessage({ error: true, text: result.error });
          return;
        }
        const { added, alreadyMembers, notFound } = result.data;
        const notes = [
          alreadyMembers ? `${alreadyMembers} already in it` : "",
          notFound ? `${notFound} not found` : "",
        ].filter(Boolean);
        setMessage({
          error: false,
          text: `Added ${added} contact${added === 1 ? "" : "s"}.${notes.length ? ` (${notes.join(", ")})` : ""}`,
        });
        setPicked(new Map());
        setResults((before) => before?.map((c) => (picked.has(c.id) ? { ...c, isMember: true } : c)) ?? null);
        router.refresh();
      } catch {
        setMessage(UNREACHABLE);
      }
    });
  };

  return (
    <div className="space-y-3">
      <div className="max-w-md">
        <Label htmlFor={inputId}>Search contacts to add</Label>
        <Input
          id={inputId}
          type="search"
          className="mt-1.5 w-full"
          placeholder="Name or email"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          autoComplete="off"
        />
      </div>
      {searchError ? <p className="text-sm text-red-700">{searchError}</p> : null}
      {results ? (
        results.length === 0 ? (
          <p className="text-sm text-slate-500">No contact matches “{q.trim()}”.</p>
        ) : (
          <fieldset>
            <legend className="sr-only">Contacts matching “{q.trim()}”</legend>
            <ul className="max-h-64 divide-y divide-slate-100 overflow-y-auto rounded-md ring-1 ring-slate-200">
              {results.map((contact) => (
                <li key={contact.id} className="px-3 py-2">
                  <label className="flex items-center gap-3 text-sm">
                    <input
                      type="checkbox"
                      className="size-4 rounded border-slate-300"
                      checked={contact.isMember || picked.has(contact.id)}
                      disabled={contact.isMember}
                      onChange={(e) => toggle(contact, e.target.checked)}
                    />
                    <span>
                      {contactLabel(contact)}
                      {contact.isMember ? <span className="ml-2 text-xs text-slate-500">already a member</span> : null}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        )
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <Button onClick={add} disabled={picked.size === 0 || adding} pending={adding}>
          {adding ? "Adding…" : picked.size ? `Add ${picked.size} selected` : "Add selected"}
        </Button>
        {picked.size > 0 ? <span className="text-sm text-slate-500">{[...picked.values()].join(", ")}</span> : null}
      </div>
      <ActionMessage message={message} />
    </div>
  );
}
