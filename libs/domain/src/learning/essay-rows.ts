import type { EntityManager } from 'typeorm';

/** An essay answer's file and grade, as stored. */
export interface EssayRecord {
  question_key: string;
  file: { filename: string; size: number } | null;
  grade: {
    points: number;
    criteria: Record<string, number>;
    feedback: string;
    graded_at: Date;
    grader: string | null;
  } | null;
}

/** The files and grades of one attempt's essays, by question. */
export async function loadEssayRecords(tx: EntityManager, attemptId: string): Promise<EssayRecord[]> {
  return tx
    .query<EssayRecord[]>(
      `WITH keys AS (
       SELECT question_key FROM attempt_files WHERE attempt_id = $1
       UNION SELECT question_key FROM essay_grades WHERE attempt_id = $1)
     SELECT k.question_key,
       CASE WHEN f.attempt_id IS NULL THEN NULL
            ELSE jsonb_build_object('filename', f.filename, 'size', f.size) END AS file,
       CASE WHEN g.attempt_id IS NULL THEN NULL
            ELSE jsonb_build_object('points', g.points::float8, 'criteria', g.criteria, 'feedback', g.feedback,
                                    'graded_at', g.graded_at, 'grader', u.name) END AS grade
     FROM keys k
     LEFT JOIN attempt_files f ON f.attempt_id = $1 AND f.question_key = k.question_key
     LEFT JOIN essay_grades g ON g.attempt_id = $1 AND g.question_key = k.question_key
     LEFT JOIN users u ON u.id = g.graded_by`,
      [attemptId],
    )
    .then((rows) =>
      rows.map((row) => ({
        ...row,
        grade: row.grade ? { ...row.grade, graded_at: new Date(row.grade.graded_at) } : null,
      })),
    );
}

export interface AttemptFile {
  filename: string;
  content_type: string;
  storage_key: string;
}

export async function loadAttemptFile(
  tx: EntityManager,
  attemptId: string,
  questionKey: string,
): Promise<AttemptFile | null> {
  const [row] = await tx.query<AttemptFile[]>(
    'SELECT filename, content_type, storage_key FROM attempt_files WHERE attempt_id = $1 AND question_key = $2',
    [attemptId, questionKey],
  );
  return row ?? null;
}

export async function storeAttemptFile(
  tx: EntityManager,
  attemptId: string,
  questionKey: string,
  file: { filename: string; contentType: string; size: number; storageKey: string },
): Promise<void> {
  await tx.query(
    `INSERT INTO attempt_files (attempt_id, question_key, filename, content_type, size, storage_key)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [attemptId, questionKey, file.filename, file.contentType, file.size, file.storageKey],
  );
}
