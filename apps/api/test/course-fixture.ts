import type { WebClient } from '@karvan/testing';

/** A module's Markdown with the front matter the checker asks for. */
export function moduleMarkdown(title: string, words = `The words of ${title}.`): string {
  return `---
title: ${title}
summary: About ${title}.
objectives:
  - Say what ${title} is.
duration: 10
---

## What it is

${words}
`;
}

/**
 * A course made through the authoring pages by `author` (a trainer): open enrolment, English, one
 * module per slug ("Module <slug>", first words "First words of <slug>."), published if asked.
 */
export async function authorCourse(
  author: WebClient,
  slug: string,
  { title = `Course ${slug}`, modules = ['one', 'two'], publish = true } = {},
): Promise<void> {
  await author.postForm('/authoring/courses', {
    title,
    slug,
    summary: 'Shared text.',
    language: 'en',
    enrolmentMode: 'open',
  });
  for (const m of modules) {
    await author.postForm(`/authoring/courses/${slug}/modules`, { title: m, slug: m });
    await author.json('PUT', `/api/v1/authoring/courses/${slug}/modules/${m}`, {
      markdown: moduleMarkdown(`Module ${m}`, `First words of ${m}.`),
    });
  }
  if (publish) await author.postForm(`/authoring/courses/${slug}/status`, { status: 'published' });
}
