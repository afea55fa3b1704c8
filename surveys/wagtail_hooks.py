"""Wagtail hooks of the form pages: their submissions are personal data (screen, export, erasure, retention)."""

from wagtail import hooks

from .personal_data import SurveySubmissionSource


@hooks.register("register_personal_data_source", order=25)
def survey_personal_data():
    return SurveySubmissionSource()
