/**
 * The activity names SD Elements documents (api-spec §3.3, "name values", the docs' partial list
 * with its `Deleted{…}Activity` shorthands spelled out, and the two legacy names of the 2016
 * examples). Tests use these rather than names made up for them.
 */
export const DOCUMENTED_SDE_ACTIVITY_NAMES: readonly string[] = [
  'AcceptedEulaActivity', 'ActivatedPhaseActivity', 'ActivatedReusableComponentActivity', 'ActivatedStandardActivity', 'ActivatedUserActivity',
  'AddedGroupToGroupActivity', 'AddedGroupToProjectActivity', 'AddedNoteActivity', 'AddedProjectProblemActivity', 'AddedReusableComponentToProjectActivity',
  'AddedTaskActivity', 'AddedUserToGroupActivity', 'AddedUserToProjectActivity', 'ArchivedApplicationActivity', 'ArchivedProjectActivity',
  'AssignedUserToTaskActivity', 'ChangedBusinessUnitRiskPolicyActivity', 'ChangedBusinessUnitRiskPolicyToDefaultActivity', 'ChangedDefaultRiskPolicyActivity',
  'ChangedGroupRoleInProjectActivity', 'ChangedProjectAnswerSurveyActivity', 'ChangedProjectRiskPolicyActivity', 'ChangedProjectSurveyActivity',
  'ChangedUserRoleInProjectActivity', 'CompletedModuleActivity', 'ComponentAddedTaskActivity', 'ComponentMarkedImplementedTaskActivity',
  'ComponentMarkedIntroducedTaskActivity', 'ComponentRevertedTaskActivity', 'ComponentsAddedGlobalActivity', 'ComponentsMarkedImplementedGlobalActivity',
  'ComponentsMarkedIntroducedGlobalActivity', 'ComponentsRevertedGlobalActivity', 'CreatedApplicationActivity', 'CreatedBusinessUnitActivity',
  'CreatedClassifiedProjectActivity', 'CreatedGroupActivity', 'CreatedPhaseActivity', 'CreatedProjectActivity', 'CreatedProjectProblemActivity',
  'CreatedReportActivity', 'CreatedReusableComponentActivity', 'CreatedRiskPolicyActivity', 'CreatedStandardActivity', 'CreatedTaskActivity',
  'CreatedUserActivity', 'DeactivatedPhaseActivity', 'DeactivatedReusableComponentActivity', 'DeactivatedStandardActivity', 'DeactivatedUserActivity',
  'DeletedApplicationActivity', 'DeletedBusinessUnitActivity', 'DeletedGroupActivity', 'DeletedNoteActivity', 'DeletedPhaseActivity',
  'DeletedProjectActivity', 'DeletedProjectProblemActivity', 'DeletedReportActivity', 'DeletedRiskPolicyActivity', 'DeletedStandardActivity',
  'DeletedTaskActivity', 'DisableClassificationActivity', 'EnableClassificationActivity', 'GeneratedAPIv1TokenActivity', 'GeneratedAPIv2TokenActivity',
  'ImportExportActivity', 'LockedProjectActivity', 'LockedProjectSurveyActivity', 'LoggedInActivity', 'LoggedOutActivity', 'MarkedTaskActivity',
  'ModifiedApplicationActivity', 'ModifiedBusinessUnitActivity', 'ModifiedReusableComponentActivity', 'UserCreatedActivity',
];
