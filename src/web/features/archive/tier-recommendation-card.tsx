import { Card, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { FEW_IT_STAFF, recommendTier } from '../../../domain/contracts/tier-recommendation.ts';
import type { DistanceClass } from '../../../domain/sla.ts';
import type { ArchiveProfile } from './api.ts';

const EFFECT_COLORS = { base: 'blue', up: 'green', cap: 'orange', none: 'default' } as const;

/** 002 五(一): which tier to choose, from the grade, IT staff, distance and finances — with the reasons (staff only). */
export function TierRecommendationCard({ profile }: { profile: ArchiveProfile }) {
  const { t } = useTranslation();
  const advice = recommendTier({
    grade: profile.grade,
    itStaffCount: profile.itStaffCount,
    distanceClass: profile.distanceClass as DistanceClass,
    finances: profile.finances ?? null,
  });
  return (
    <Card size="small" title={t('archive.tierAdvice.title')} data-testid="tier-recommendation">
      <Typography.Title level={5}>
        <span data-testid="tier-recommendation-tier">
          {t('archive.tierAdvice.recommended', { tier: t(`archive.tierAdvice.tiers.${advice.tier}`) })}
        </span>
      </Typography.Title>
      <List
        size="small"
        dataSource={advice.reasons}
        renderItem={(reason) => (
          <List.Item>
            <span>
              <Tag color={EFFECT_COLORS[reason.effect]}>{t(`archive.tierAdvice.effects.${reason.effect}`)}</Tag>
              {reason.code === 'unknown'
                ? t('archive.tierAdvice.reasons.unknown', {
                    missing: reason.missing.map((m) => t(`archive.tierAdvice.missing.${m}`)).join(t('common.listSeparator')),
                  })
                : t(`archive.tierAdvice.reasons.${reason.code}`, { few: FEW_IT_STAFF })}
            </span>
          </List.Item>
        )}
      />
      <Typography.Text type="secondary" className="small-text">
        {t('archive.tierAdvice.basis')}
      </Typography.Text>
    </Card>
  );
}
