import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    ["/api/v2/pages/999999/", "/api/v2/people/999999/", "/admin/pages/999999/edit/", "/documents/999999/x.pdf"],
)
def test_a_404_outside_the_pages_stays_a_404(admin_client, site_tree, path):
    response = admin_client.get(path)

    assert response.status_code == 404


def test_a_page_path_without_its_language_prefix_is_redirected(client, site_tree):
    response = client.get("/projekty/")

    assert response.status_code == 302
    assert response["Location"] == "/pl/projekty/"
