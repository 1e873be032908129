import { randomBytes } from 'node:crypto';
import { TenantEntity } from '#database';
import type { EntityManager } from 'typeorm';

/** A URL-safe slug from the company name, with a random suffix when already used. */
export async function freeTenantSlug(em: EntityManager, companyName: string): Promise<string> {
  const base =
    companyName
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[đĐ]/g, 'd')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 48) || 'tenant';
  if (!(await em.existsBy(TenantEntity, { slug: base }))) return base;
  return `${base}-${randomBytes(4).toString('hex')}`;
}
