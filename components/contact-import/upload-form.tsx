"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { FieldError, Label } from "@/components/ui/label";

/**
 * Step 1: choose a CSV file. It is sent as the raw request body (streamed by the browser,
 * read as a stream by the server), then the page moves on to the mapping of its columns.
 */
export function UploadForm() {
  const router = useRouter();
  const inputId = useId();
  const errorId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function upload(event: React.FormEvent) {
    event.preventDefault();
    if (!file) {
      setError("Choose a CSV file");
      return;
    }
    setPending(true);
    setError(null);
    try {
      const response = await fetch(`/contacts/import/upload?name=${encodeURIComponent(file.name)}`, {
        method: "POST",
        headers: { "Content-Type": "text/csv" },
        body: file,
      });
      const answer = (await response.json().catch(() => ({}))) as { jobId?: string; error?: string };
      if (!response.ok || !answer.jobId) {
        setError(answer.error ?? "The upload failed. Please try again.");
        return;
      }
      router.push(`/contacts/import?job=${answer.jobId}`);
    } catch {
      setError("The upload failed: check your connection and try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={upload} className="space-y-4" noValidate>
      <div>
        <Label htmlFor={inputId}>CSV file</Label>
        <Input
          id={inputId}
          type="file"
          accept=".csv,text/csv"
          className="mt-1.5 h-auto py-2"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(event) => {
            setFile(event.target.files?.[0] ?? null);
            setError(null);
          }}
        />
        <FieldError id={errorId}>{error}</FieldError>
        <p className="mt-1.5 text-sm text-slate-500">
          UTF-8, comma or semicolon separated, a header row first. One column must hold the email address.
        </p>
      </div>
      <Button type="submit" pending={pending}>
        Upload and map columns
      </Button>
    </form>
  );
}
