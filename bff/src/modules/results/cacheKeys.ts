/**
 * Cache generations for everything read from the results: a submit or first login bumps its
 * region's (and the any-region one); pass-line changes, window changes and imports the campaign's.
 */
export const generations = {
  campaign: (campaignId: string) => `results:${campaignId}`,
  region: (campaignId: string, regionCode: string) => `results:${campaignId}:${regionCode}`,
  anyRegion: (campaignId: string) => `results:${campaignId}:*`,
};
