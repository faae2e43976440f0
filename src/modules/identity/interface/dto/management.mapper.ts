import type { SubscriptionWithUsage } from '../../application/subscription-queries';
import type { EffectiveFlag } from '../../domain/feature-flag';
import type { Plan } from '../../domain/plan';
import type { TenantDetails } from '../../domain/tenant';
import type { FeatureFlagResponseDto } from './feature-flag.dto';
import type { PlanResponseDto } from './plan.dto';
import type { SubscriptionResponseDto } from './subscription.dto';
import type { TenantResponseDto } from './tenant.dto';

export function toTenantResponse(tenant: TenantDetails): TenantResponseDto {
  return {
    id: tenant.id,
    name: tenant.name,
    status: tenant.status,
    suspendedAt: tenant.suspendedAt?.toISOString() ?? null,
    planCode: tenant.planCode,
    createdAt: tenant.createdAt.toISOString(),
  };
}

export function toPlanResponse(plan: Plan): PlanResponseDto {
  return {
    code: plan.code,
    name: plan.name,
    aiRepliesPerMonth: plan.aiRepliesPerMonth,
    kbMaxBytes: plan.kbMaxBytes,
    maxSpecialists: plan.maxSpecialists,
    allowedTools: plan.allowedTools,
    features: plan.features,
    isDefault: plan.isDefault,
  };
}

export function toSubscriptionResponse(subscription: SubscriptionWithUsage): SubscriptionResponseDto {
  return {
    tenantId: subscription.tenantId,
    plan: toPlanResponse(subscription.plan),
    startedAt: subscription.startedAt?.toISOString() ?? null,
    usage: {
      period: subscription.usage.period,
      aiReplies: subscription.usage.aiReplies,
      promptTokens: subscription.usage.promptTokens,
      completionTokens: subscription.usage.completionTokens,
      costUsd: subscription.usage.costUsd,
    },
  };
}

export function toFlagResponse(flag: EffectiveFlag): FeatureFlagResponseDto {
  return { flag: flag.flag, enabled: flag.enabled, overridden: flag.overridden, planValue: flag.planValue };
}

/** One page of an in-memory list (a tenant's flags are few and resolved in memory). */
export function pageOf<T>(all: T[], page: { limit: number; offset: number }): { items: T[]; total: number; limit: number; offset: number } {
  return { items: all.slice(page.offset, page.offset + page.limit), total: all.length, limit: page.limit, offset: page.offset };
}
