import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/index.js';
import { managedCohort } from './cohort-access.js';
import {
  parseForm,
  parseRubric,
  type DefinitionProblem,
  type FormField,
  type RubricCriterion,
} from './form-definition.js';
import { SummerError, SummerErrorCode } from './summer.errors.js';
import type { SummerTranslations } from './summer-translations.js';

export interface CohortDefinitions {
  id: string;
  title: string;
  /** The title in other languages, for the page's breadcrumb. */
  translations: SummerTranslations;
  formSource: string;
  form: FormField[];
  rubricSource: string;
  rubric: RubricCriterion[];
}

/**
 * A cohort's application form and review rubric on their own, for the builders: saving one
 * leaves the rest of the cohort as it is. Both are kept as their text and as parsed JSON.
 */
@Injectable()
export class CohortDefinitionsService {
  constructor(private readonly db: DataSource) {}

  async get(principal: Principal, cohortId: string): Promise<CohortDefinitions> {
    const cohort = await managedCohort(this.db.manager, principal, cohortId);
    return {
      id: cohort.id,
      title: cohort.title,
      translations: cohort.translations,
      formSource: cohort.form_source,
      form: cohort.form,
      rubricSource: cohort.rubric_source,
      rubric: cohort.rubric,
    };
  }

  /** Saves the form written as text; refuses it whole, with every problem by line, when it has any. */
  async setForm(principal: Principal, cohortId: string, source: string): Promise<void> {
    const { fields, problems } = parseForm(source);
    await this.store(principal, cohortId, problems, 'form_source = $2, form = $3', [source, JSON.stringify(fields)]);
  }

  async setRubric(principal: Principal, cohortId: string, source: string): Promise<void> {
    const { criteria, problems } = parseRubric(source);
    await this.store(principal, cohortId, problems, 'rubric_source = $2, rubric = $3', [
      source,
      JSON.stringify(criteria),
    ]);
  }

  private async store(
    principal: Principal,
    cohortId: string,
    problems: DefinitionProblem[],
    assignments: string,
    values: string[],
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      // Who may first, then what: a stranger learns nothing from validation messages.
      await managedCohort(tx, principal, cohortId, true);
      if (problems.length) {
        throw new SummerError(
          SummerErrorCode.Invalid,
          `The definition has problems: ${problems.map((p) => `line ${p.line}: ${p.message}`).join('; ')}`,
          // By line: the builder shows each on its row.
          Object.fromEntries(problems.map((p) => [String(p.line), p.key])),
        );
      }
      await tx.query(`UPDATE cohorts SET ${assignments} WHERE id = $1`, [cohortId, ...values]);
    });
  }
}
