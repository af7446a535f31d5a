import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";

export function ContactTags({ tags }: { tags: string[] }) {
  return (
    <Card>
      <CardHeader title="Tags" />
      <CardBody>
        {tags.length === 0 ? (
          <p className="text-sm text-slate-500">No tags.</p>
        ) : (
          <ul className="flex flex-wrap gap-2" aria-label="Tags">
            {tags.map((tag) => (
              <li key={tag}>
                <Badge>{tag}</Badge>
              </li>
            ))}
          </ul>
        )}
      </CardBody>
    </Card>
  );
}
