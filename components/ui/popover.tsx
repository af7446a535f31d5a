"use client";

import * as PopoverPrimitive from "@radix-ui/react-popover";
import type { ComponentProps } from "react";
import { cn } from "./cn";

/** A floating panel anchored to its trigger (Radix Popover): Escape and an outside click close it, focus returns to the trigger. */
export const Popover = PopoverPrimitive.Root;
export const PopoverTrigger = PopoverPrimitive.Trigger;
export const PopoverAnchor = PopoverPrimitive.Anchor;

export function PopoverContent({
  className,
  align = "start",
  sideOffset = 4,
  inline = false,
  ...props
}: ComponentProps<typeof PopoverPrimitive.Content> & {
  /** Render in place rather than at the end of the body, so the panel stays inside its form row. */
  inline?: boolean;
}) {
  const content = (
    <PopoverPrimitive.Content
      align={align}
      sideOffset={sideOffset}
      className={cn("z-30 rounded-md bg-white shadow-lg ring-1 ring-slate-200 outline-none", className)}
      {...props}
    />
  );
  return inline ? content : <PopoverPrimitive.Portal>{content}</PopoverPrimitive.Portal>;
}
