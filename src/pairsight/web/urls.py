from django.urls import include, path

from pairsight.assessments import views as assessment_views
from pairsight.web import auth_views as web_auth

urlpatterns = [
    path("sign-in/", web_auth.login_view, name="login"),
    path("sign-out/", web_auth.SignOutView.as_view(), name="logout"),
    path("account/", web_auth.account_view, name="account"),
    path("account/password/", web_auth.password_change_view, name="password_change"),
    path("set-password/<str:token>/", assessment_views.set_password, name="set_password"),
    path(
        "assessments/<int:assessment_id>/population/",
        include("pairsight.population.urls"),
    ),
    path("assessments/<int:assessment_id>/surveys/", include("pairsight.surveys.urls")),
    path("assessments/<int:assessment_id>/services/", include("pairsight.servicemap.urls")),
    path(
        "assessments/<int:assessment_id>/recommendations/",
        include("pairsight.recommendations.urls"),
    ),
    path("assessments/<int:assessment_id>/interviews/", include("pairsight.interviews.urls")),
    path("assessments/<int:assessment_id>/plan/", include("pairsight.plan.urls")),
    path("assessments/<int:assessment_id>/report/", include("pairsight.reports.urls")),
    path("", include("pairsight.assessments.urls")),
]
